/**
 * Keeps a crash inside one component from blanking the deck: the failing part
 * shows a readable message and a retry button, the rest keeps working.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  /** What failed, in words: "the demo", "this slide". */
  label: string
  children: ReactNode
  /** Changing this key clears the error (e.g. on hot reload). */
  resetKey?: unknown
}

interface State {
  error: Error | null
  resetKey: unknown
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey }
    return null
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`demodeck: ${this.props.label} crashed`, error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <div className="dd-notice dd-notice-error" role="alert">
        <strong>Something went wrong in {this.props.label}.</strong> {this.state.error.message}{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
