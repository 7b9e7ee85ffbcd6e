/**
 * Channel and event names as plain data, without zod, so the sandboxed
 * preload can build its API from them. `api.ts` checks at compile time that
 * these lists match the channel map exactly.
 */
export const channelNames = [
  'deck:get',
  'sync:get',
  'sync:update',
  'models:list',
  'models:card',
  'models:predict',
  'models:parity',
  'runs:list',
  'runs:history',
  'wandb:status',
  'wandb:sync',
  'wandb:set-key',
  'wandb:cancel',
  'endpoint:predict',
  'endpoint:status',
  'endpoint:wake',
  'endpoint:cancel',
  'endpoint:set-token',
  'project:checklist',
  'project:code',
  'project:tree',
  'models:graph',
  'models:graph-run',
  'drift:report',
  'compare:predict',
  'compare:set',
  'probe:run',
  'probe:set',
  'log:list',
  'log:export',
  'log:clear',
  'deck:check',
  'deck:export',
  'deck:shown',
  'mirror:publish',
  'mirror:get'
] as const

export const pushEventNames = [
  'deck:changed',
  'sync:changed',
  'models:changed',
  'runs:changed',
  'endpoint:changed',
  'project:changed',
  'log:changed',
  'mirror:changed'
] as const
