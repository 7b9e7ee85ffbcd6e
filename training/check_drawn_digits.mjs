/**
 * Sanity check for the draw-a-digit pad: renders hand-made pen strokes (white on black,
 * 280x280, three pen widths), area-averages to 8x8 like the app, normalises with
 * preprocessor_config.json and classifies with onnxruntime-node. Informational: prints
 * how many drawings were read right (the glyph key's last digit is the true class).
 *
 * Usage: node training/check_drawn_digits.mjs
 */
import { readFileSync } from 'node:fs'
import ort from 'onnxruntime-node'
const pre = JSON.parse(readFileSync('models/digits/preprocessor_config.json', 'utf8'))
const s = await ort.InferenceSession.create('models/digits/model.onnx')
/** Polylines in 0..1 pad coordinates; keys 17/27/37 are other ways to draw a 7. */
const glyphs = {
  0: [
    [
      [0.5, 0.15],
      [0.3, 0.25],
      [0.25, 0.5],
      [0.3, 0.75],
      [0.5, 0.85],
      [0.7, 0.75],
      [0.75, 0.5],
      [0.7, 0.25],
      [0.5, 0.15]
    ]
  ],
  1: [
    [
      [0.4, 0.25],
      [0.55, 0.15],
      [0.55, 0.85]
    ]
  ],
  2: [
    [
      [0.3, 0.3],
      [0.4, 0.17],
      [0.6, 0.17],
      [0.7, 0.3],
      [0.65, 0.45],
      [0.3, 0.85],
      [0.72, 0.85]
    ]
  ],
  3: [
    [
      [0.3, 0.2],
      [0.6, 0.15],
      [0.7, 0.3],
      [0.5, 0.48],
      [0.7, 0.62],
      [0.65, 0.8],
      [0.3, 0.85]
    ]
  ],
  4: [
    [
      [0.6, 0.85],
      [0.6, 0.15],
      [0.25, 0.6],
      [0.75, 0.6]
    ]
  ],
  5: [
    [
      [0.7, 0.15],
      [0.35, 0.15],
      [0.32, 0.45],
      [0.6, 0.42],
      [0.7, 0.6],
      [0.62, 0.82],
      [0.3, 0.82]
    ]
  ],
  6: [
    [
      [0.65, 0.15],
      [0.4, 0.35],
      [0.3, 0.65],
      [0.45, 0.85],
      [0.65, 0.78],
      [0.68, 0.6],
      [0.5, 0.5],
      [0.33, 0.6]
    ]
  ],
  7: [
    [
      [0.28, 0.17],
      [0.72, 0.17],
      [0.45, 0.85]
    ]
  ],
  17: [
    [
      [0.28, 0.2],
      [0.72, 0.2],
      [0.38, 0.85]
    ]
  ],
  27: [
    [
      [0.25, 0.15],
      [0.75, 0.15],
      [0.5, 0.9]
    ],
    [
      [0.4, 0.5],
      [0.7, 0.5]
    ]
  ],
  37: [
    [
      [0.3, 0.2],
      [0.7, 0.2],
      [0.5, 0.85]
    ]
  ],
  8: [
    [
      [0.5, 0.5],
      [0.32, 0.35],
      [0.5, 0.15],
      [0.68, 0.35],
      [0.5, 0.5],
      [0.3, 0.68],
      [0.5, 0.86],
      [0.7, 0.68],
      [0.5, 0.5]
    ]
  ],
  9: [
    [
      [0.68, 0.35],
      [0.5, 0.18],
      [0.32, 0.3],
      [0.4, 0.48],
      [0.68, 0.38],
      [0.65, 0.85]
    ]
  ]
}
/** Rasterise strokes with a round pen of `width` px, then area-average to normalised 8x8. */
function render(strokes, width, size = 280) {
  const img = new Float32Array(size * size)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const px = (x + 0.5) / size,
        py = (y + 0.5) / size
      for (const st of strokes)
        for (let i = 0; i + 1 < st.length; i++) {
          const [ax, ay] = st[i],
            [bx, by] = st[i + 1]
          const dx = bx - ax,
            dy = by - ay
          const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
          const d = Math.hypot(px - ax - t * dx, py - ay - t * dy) * size
          if (d < width / 2) img[y * size + x] = 255
        }
    }
  const out = new Float32Array(64)
  for (let Y = 0; Y < 8; Y++)
    for (let X = 0; X < 8; X++) {
      let sum = 0
      for (let y = Y * 35; y < (Y + 1) * 35; y++) for (let x = X * 35; x < (X + 1) * 35; x++) sum += img[y * size + x]
      out[Y * 8 + X] = ((sum / 1225) * pre.rescale_factor - pre.image_mean[0]) / pre.image_std[0]
    }
  return out
}
for (const width of [12, 20, 30]) {
  let line = `width ${width}: `,
    ok = 0
  for (const [d, st] of Object.entries(glyphs)) {
    const r = await s.run({ pixel_values: new ort.Tensor('float32', render(st, width), [1, 1, 8, 8]) })
    const p = [...r.logits.data]
    const k = p.indexOf(Math.max(...p))
    ok += k === d % 10
    line += `${d}->${k} `
  }
  console.log(`${line} -> ${ok}/${Object.keys(glyphs).length} right`)
}
