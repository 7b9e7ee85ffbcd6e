/** ONNX Runtime messages without C++ source paths (the model.json checks run in cases.json). */
import { describe, expect, it } from 'vitest'
import { cleanOrtMessage } from '../../../../src/core/models/manifest-checks'

describe('cleanOrtMessage', () => {
  it('drops the source path and C++ signature, keeps what is wrong', () => {
    expect(
      cleanOrtMessage(
        "Non-zero status code returned while running Gemm node. Name:'/fc/Gemm' Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/math/gemm_helper.h:14 onnxruntime::GemmHelper::GemmHelper(const onnxruntime::TensorShape&, bool, const onnxruntime::TensorShape&, bool, const onnxruntime::TensorShape&) left.NumDimensions() == 2 || left.NumDimensions() == 1 was false."
      )
    ).toBe("Non-zero status code returned while running Gemm node. Name:'/fc/Gemm' Status Message: left.NumDimensions() == 2 || left.NumDimensions() == 1 was false.")
    expect(cleanOrtMessage('Load model from x failed:/onnxruntime_src/onnxruntime/core/graph/graph.cc:1555 void onnxruntime::Graph::InitializeStateFromModelFileGraphProto() This is an invalid model. Graph output (y) does not exist in the graph.')).toBe(
      'Load model from x failed:This is an invalid model. Graph output (y) does not exist in the graph.'
    )
    expect(cleanOrtMessage('a plain message (with parentheses) stays')).toBe('a plain message (with parentheses) stays')
  })
})
