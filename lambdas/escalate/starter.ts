import type { SFNClient } from '@aws-sdk/client-sfn';
import { type ClientSource, clientOf } from '#shared/env.ts';
import type { EscalationStarter } from './escalate.ts';

/**
 * Starts the escalation state machine for a ticket. The execution is named after the ticket, so a
 * retried start is the same execution: Step Functions returns the running one for the same name and
 * input, and `ExecutionAlreadyExists` once it has ended (both mean: started already).
 */
export function stepFunctionsStarter(
  sfn: ClientSource<SFNClient>,
  stateMachineArn: () => string,
): EscalationStarter {
  return {
    async start(ticketId) {
      // Imported on the first urgent ticket, not at the ticket function's cold start.
      const [{ ExecutionAlreadyExists, StartExecutionCommand }, client] = await Promise.all([
        import('@aws-sdk/client-sfn'),
        clientOf(sfn),
      ]);
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: stateMachineArn(),
            name: `escalation-${ticketId}`,
            input: JSON.stringify({ ticketId, step: 0 }),
          }),
        );
      } catch (err) {
        if (err instanceof ExecutionAlreadyExists) return;
        throw err;
      }
    },
  };
}
