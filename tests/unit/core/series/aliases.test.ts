import { describe, expect, it } from 'vitest'
import { canonicalMetric, groupMetrics, resolveMetricKey } from '../../../../src/core/series/aliases'
import { bestPoint, metricDirection } from '../../../../src/core/series/best'

describe('canonicalMetric', () => {
  it('groups the common spellings of training loss', () => {
    for (const key of ['train_loss', 'train/loss', 'Training loss', 'train_loss_epoch', 'loss/train', 'Loss/train', 'trainLoss']) {
      expect(canonicalMetric(key), key).toBe('train/loss')
    }
  })

  it('maps validation and test variants and accuracy spellings', () => {
    expect(canonicalMetric('val_loss')).toBe('val/loss')
    expect(canonicalMetric('valid/loss')).toBe('val/loss')
    expect(canonicalMetric('Validation Loss')).toBe('val/loss')
    expect(canonicalMetric('eval_accuracy')).toBe('val/acc')
    expect(canonicalMetric('val/acc')).toBe('val/acc')
    expect(canonicalMetric('Accuracy/test')).toBe('test/acc')
    expect(canonicalMetric('test_f1_score')).toBe('test/f1')
    expect(canonicalMetric('learning_rate')).toBe('lr')
  })

  it('keeps unknown, internal and epoch keys as they are', () => {
    expect(canonicalMetric('epoch')).toBe('epoch')
    expect(canonicalMetric('_step')).toBe('_step')
    expect(canonicalMetric('grad_norm')).toBe('grad_norm')
    expect(canonicalMetric('train/tokens_seen')).toBe('train/tokens_seen')
  })

  it('lets a manual override win', () => {
    expect(canonicalMetric('my_weird_key', { my_weird_key: 'val/loss' })).toBe('val/loss')
    expect(canonicalMetric('train_loss', { train_loss: 'custom' })).toBe('custom')
  })
})

describe('groupMetrics / resolveMetricKey', () => {
  it('groups raw keys from several runs under one canonical name', () => {
    const groups = groupMetrics(['train/loss', 'train_loss', 'Loss/train', 'val_acc', 'val/accuracy', 'grad_norm'])
    expect(groups).toEqual([
      { canonical: 'train/loss', keys: ['train/loss', 'train_loss', 'Loss/train'] },
      { canonical: 'val/acc', keys: ['val_acc', 'val/accuracy'] },
      { canonical: 'grad_norm', keys: ['grad_norm'] }
    ])
  })

  it('finds the key a run uses for a wanted metric', () => {
    expect(resolveMetricKey(['Loss/train', 'epoch'], 'train/loss')).toBe('Loss/train')
    expect(resolveMetricKey(['train_loss_step', 'train/loss'], 'train_loss')).toBe('train/loss')
    expect(resolveMetricKey(['val_loss'], 'val_loss')).toBe('val_loss')
    expect(resolveMetricKey(['val_loss'], 'train/loss')).toBeUndefined()
  })
})

describe('best points', () => {
  it('knows which way is better', () => {
    expect(metricDirection('val/loss')).toBe('min')
    expect(metricDirection('train_loss')).toBe('min')
    expect(metricDirection('val/acc')).toBe('max')
    expect(metricDirection('val/f1')).toBe('max')
    expect(metricDirection('test_auc')).toBe('max')
    expect(metricDirection('lr')).toBeNull()
    expect(metricDirection('epoch')).toBeNull()
  })

  it('finds the min or max over finite values', () => {
    const x = [0, 1, 2, 3]
    const y = [0.5, Number.NaN, -Infinity, 0.2]
    expect(bestPoint(x, y, 'min')).toEqual({ index: 3, x: 3, y: 0.2 })
    expect(bestPoint(x, y, 'max')).toEqual({ index: 0, x: 0, y: 0.5 })
    expect(bestPoint(x, [Number.NaN], 'min')).toBeUndefined()
    expect(bestPoint(x, y, null)).toBeUndefined()
  })
})
