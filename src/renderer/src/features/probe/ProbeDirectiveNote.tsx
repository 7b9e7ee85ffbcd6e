/**
 * The presenter's line about a `::demo{… probe="…"}` on its slide preview:
 * which perturbation the audience will see, or why the probe will not show
 * (an unknown perturbation, a model it cannot perturb) — the audience screen
 * never shows that problem.
 */
import { findPerturbation } from '../../../../core/probe/catalog'
import { useModels } from '../demo/use-models'
import { parseProbeAttributes } from './probe-format'

/** One line for the demo placeholder; nothing when the directive asks for no probe. */
export function ProbeDirectiveNote({ attributes }: { attributes: Record<string, string | undefined> }): React.JSX.Element | null {
  const models = useModels()
  if (attributes['probe'] === undefined) return null
  const model = models.models?.find((m) => m.id === attributes['model'])
  if (!model) return null
  const parsed = parseProbeAttributes(model.task, attributes)
  if (!parsed) return null
  if ('problem' in parsed) {
    return (
      <small className="dm-alert-inline" data-testid="probe-directive-problem">
        Robustness probe not shown: {parsed.problem}
      </small>
    )
  }
  return <small data-testid="probe-directive-note">with the robustness probe: {findPerturbation(parsed.options.perturbation)?.label}</small>
}
