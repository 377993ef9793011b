import { FLOW_FUNCTIONS, type FlowFunctionName, type ParameterKey } from './contracts.ts';
import type { FlowBuilder } from './model.ts';
import type { FlowRefs } from './refs.ts';

/**
 * Invokes one of Switchboard's flow functions by its contract: the ARN from the refs, the time limit from
 * the registry, and only parameter names the function's schema knows (a typo does not compile).
 */
export function invokeFunction<F extends FlowFunctionName>(
  b: FlowBuilder,
  refs: FlowRefs,
  fn: F,
  id: string,
  parameters: Partial<Record<ParameterKey<F>, string>>,
  next: string,
  onFail: string,
): string {
  return b.invokeLambda(
    id,
    refs.functions[fn],
    parameters as Record<string, string>,
    next,
    onFail,
    FLOW_FUNCTIONS[fn].flowTimeLimitSeconds,
  );
}
