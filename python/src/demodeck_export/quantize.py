"""Dynamic int8 quantization of a demodeck model folder with the `onnx` package alone (no onnxruntime needed).

    python -m demodeck_export quantize models/disaster-tweets models/disaster-tweets-int8

What is quantized (weights to int8 once, activations to uint8 at run time, as ONNX Runtime's `quantize_dynamic`):
- Gather on a constant float table (embeddings): int8 rows with one scale per row; the gathered rows are cast
  back to float and scaled, so only the rows a prediction reads are dequantized.
- Gemm / MatMul with a constant 2-D weight: DynamicQuantizeLinear on the input, MatMulInteger with int8
  weights (one symmetric scale per output column), Cast, Mul by input scale x column scale, Add the float bias.
  ONNX Runtime fuses this pattern into its DynamicQuantizeMatMul / MatMulIntegerToFloat kernels.
Everything else (Conv included) stays float32. The folder's other files are copied; reference.json is left
out (it holds PyTorch's float outputs, which an int8 model is not meant to match to 1e-4): compare the two
models instead (demodeck's A/B: `::demo{model="x" compare="x-int8"}`, or `compare:set` on a labelled set).
"""
import json
import os
import shutil

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

from .folder import ExportError
from .staging import staged_folder

DEFAULT_OPS = ('Gather', 'Gemm', 'MatMul')
# Tables smaller than this stay float: the saving is nil and the extra nodes cost time.
MIN_ELEMENTS = 1024


def _uses(graph):
    uses = {}
    for node in graph.node:
        for name in node.input:
            uses.setdefault(name, []).append(node)
    return uses


def _attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def _per_row_int8(table):
    """Symmetric int8 with one scale per row (axis 0)."""
    peak = np.abs(table).max(axis=1, keepdims=True)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
    return q, scale


def _per_column_int8(weight):
    """Symmetric int8 with one scale per output column of a [K, N] weight."""
    peak = np.abs(weight).max(axis=0)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_model(model, ops=DEFAULT_OPS):
    """Returns (quantized ModelProto, {op: count quantized}). The input model is not changed."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    uses = _uses(graph)
    new_nodes, new_inits, dropped, counts = [], [], set(), {}

    def fresh(base):
        return f'{base}__int8'

    for node in graph.node:
        op = node.op_type
        if op == 'Gather' and 'Gather' in ops and node.input[0] in inits and _attr(node, 'axis', 0) == 0:
            table = numpy_helper.to_array(inits[node.input[0]])
            if table.dtype == np.float32 and table.ndim == 2 and table.shape[1] >= 8 and table.size >= MIN_ELEMENTS:
                base = node.input[0]
                if fresh(base + '_q') not in {t.name for t in new_inits}:
                    q, scale = _per_row_int8(table)
                    new_inits += [numpy_helper.from_array(q, fresh(base + '_q')), numpy_helper.from_array(scale, fresh(base + '_scale'))]
                out = node.output[0]
                new_nodes += [
                    helper.make_node('Gather', [fresh(base + '_q'), node.input[1]], [out + '_q8'], name=node.name + '_q8'),
                    helper.make_node('Cast', [out + '_q8'], [out + '_f'], to=TensorProto.FLOAT, name=node.name + '_cast'),
                    helper.make_node('Gather', [fresh(base + '_scale'), node.input[1]], [out + '_s'], name=node.name + '_scale'),
                    helper.make_node('Mul', [out + '_f', out + '_s'], [out], name=node.name + '_dequant'),
                ]
                if all(n.op_type == 'Gather' for n in uses.get(base, [])):
                    dropped.add(base)
                counts['Gather'] = counts.get('Gather', 0) + 1
                continue
        if op in ('Gemm', 'MatMul') and op in ops and len(node.input) >= 2 and node.input[1] in inits:
            weight = numpy_helper.to_array(inits[node.input[1]])
            plain = op == 'MatMul' or (_attr(node, 'transA', 0) == 0 and _attr(node, 'alpha', 1.0) == 1.0 and _attr(node, 'beta', 1.0) == 1.0)
            if weight.dtype == np.float32 and weight.ndim == 2 and plain:
                if op == 'Gemm' and _attr(node, 'transB', 0):
                    weight = weight.T
                q, scale = _per_column_int8(np.ascontiguousarray(weight))
                base = node.name or node.output[0]
                qn, sn, zn = fresh(base + '_w'), fresh(base + '_wscale'), fresh(base + '_wzero')
                new_inits += [numpy_helper.from_array(q, qn), numpy_helper.from_array(scale, sn),
                              numpy_helper.from_array(np.array(0, dtype=np.int8), zn)]
                x, out = node.input[0], node.output[0]
                has_bias = op == 'Gemm' and len(node.input) > 2 and node.input[2] != ''
                scaled = out + '_nobias' if has_bias else out
                new_nodes += [
                    helper.make_node('DynamicQuantizeLinear', [x], [base + '_xq', base + '_xs', base + '_xz'], name=base + '_dql'),
                    helper.make_node('MatMulInteger', [base + '_xq', qn, base + '_xz', zn], [base + '_i32'], name=base + '_mmi'),
                    helper.make_node('Cast', [base + '_i32'], [base + '_f'], to=TensorProto.FLOAT, name=base + '_cast'),
                    helper.make_node('Mul', [base + '_xs', sn], [base + '_scale'], name=base + '_scales'),
                    helper.make_node('Mul', [base + '_f', base + '_scale'], [scaled], name=base + '_dequant'),
                ]
                if has_bias:
                    new_nodes.append(helper.make_node('Add', [scaled, node.input[2]], [out], name=base + '_bias'))
                if len(uses.get(node.input[1], [])) == 1:
                    dropped.add(node.input[1])
                counts[op] = counts.get(op, 0) + 1
                continue
        new_nodes.append(node)

    del graph.node[:]
    graph.node.extend(new_nodes)
    kept = [t for t in graph.initializer if t.name not in dropped]
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    if not any(o.domain in ('', 'ai.onnx') and o.version >= 11 for o in model.opset_import):
        raise ExportError('the model uses an ONNX opset below 11; DynamicQuantizeLinear needs 11 or later: export with opset_version=13')
    onnx.checker.check_model(model)
    return model, counts


def _model_file(folder):
    manifest = os.path.join(folder, 'model.json')
    if os.path.exists(manifest):
        with open(manifest) as f:
            return json.load(f).get('model', 'model.onnx')
    for name in ('model.onnx', os.path.join('onnx', 'model.onnx')):
        if os.path.exists(os.path.join(folder, name)):
            return name
    raise ExportError(f'{folder} has no model.onnx (nor onnx/model.onnx, nor a model.json naming one)')


def quantize_folder(src, dst, ops=DEFAULT_OPS, name=None):
    """Writes `dst`: a copy of the model folder `src` with its ONNX model dynamically quantized to int8.

    Returns a summary dict: sizes before and after, what was quantized, the files written.
    """
    src, dst = os.path.abspath(src), os.path.abspath(dst)
    if not os.path.isdir(src):
        raise ExportError(f'{src} is not a model folder')
    if os.path.exists(dst) and os.listdir(dst):
        raise ExportError(f'{dst} exists and is not empty: remove it or pick another folder')
    rel = _model_file(src)
    model = onnx.load(os.path.join(src, rel))
    quantized, counts = quantize_model(model, ops)
    if not counts:
        raise ExportError(f'nothing to quantize in {rel}: no Gather, Gemm or MatMul with a constant float weight')
    with staged_folder(dst) as folder:
        shutil.copytree(src, folder, ignore=shutil.ignore_patterns('reference.json', 'runs', 'sets', '*.onnx', '.*'), dirs_exist_ok=True)
        os.makedirs(os.path.dirname(os.path.join(folder, rel)), exist_ok=True)
        onnx.save(quantized, os.path.join(folder, rel))
        for meta in ('model.json', 'demodeck.json'):
            path = os.path.join(folder, meta)
            if not os.path.exists(path):
                continue
            with open(path) as f:
                data = json.load(f)
            base_name = data.get('name') or os.path.basename(src)
            data['name'] = name or f'{base_name} (int8)'
            data.pop('reference', None)
            data.pop('compare', None)
            note = 'Dynamic int8 quantization (weights int8, activations uint8 at run time) of ' + os.path.basename(src) + '.'
            data['description'] = (data.get('description', '') + ' ' + note).strip()
            with open(path, 'w') as f:
                json.dump(data, f, indent=2, ensure_ascii=False)
                f.write('\n')
        if not os.path.exists(os.path.join(folder, 'model.json')) and not os.path.exists(os.path.join(folder, 'demodeck.json')):
            with open(os.path.join(folder, 'demodeck.json'), 'w') as f:
                json.dump({'name': name or f'{os.path.basename(src)} (int8)'}, f, indent=2)
                f.write('\n')
    before = os.path.getsize(os.path.join(src, rel))
    after = os.path.getsize(os.path.join(dst, rel))
    return {'model': rel, 'bytes_before': before, 'bytes_after': after, 'quantized': counts}
