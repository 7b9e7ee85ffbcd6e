/**
 * The host's side of the live-component mirror (see [Note: mirrored, not re-run] in shared/mirror.ts): keeps
 * the newest state of each audience component and relays every new one to all windows as `mirror:changed`.
 * It runs nothing: a presenter window reads what the audience screen already computed.
 */
import type { Events } from '../../shared/api'
import { MIRROR_LIMITS, mirrorKey, type MirroredState, type MirrorState } from '../../shared/mirror'
import type { Handlers } from '../create-host'

type MirrorChannels = 'mirror:publish' | 'mirror:get'

/** Newest state per slide and component, at most `limit` of them (the least recently published go first). */
export class MirrorRelay {
  private readonly states = new Map<string, MirroredState>()

  constructor(
    private readonly emit: (event: 'mirror:changed', payload: Events['mirror:changed']) => void,
    private readonly limit: number = MIRROR_LIMITS.entries,
    private readonly now: () => number = Date.now
  ) {}

  /** Stores and relays `state`, unless a newer state of the same component is already here (then returns that one). */
  publish(state: MirrorState): MirroredState {
    const key = mirrorKey(state)
    const previous = this.states.get(key)
    if (previous && previous.seq > state.seq) return previous
    const stored: MirroredState = { ...state, at: this.now() }
    // Delete first: a Map iterates in insertion order, so the oldest-published entry is always first.
    this.states.delete(key)
    this.states.set(key, stored)
    while (this.states.size > this.limit) this.states.delete(this.states.keys().next().value as string)
    this.emit('mirror:changed', stored)
    return stored
  }

  /** Every state kept, oldest first. */
  list(): MirroredState[] {
    return [...this.states.values()]
  }

  /** The channel handlers. */
  handlers(): Pick<Handlers, MirrorChannels> {
    return {
      'mirror:publish': async (state) => this.publish(state),
      'mirror:get': async () => this.list()
    }
  }
}
