// Fault injection for tests: rules that make the mailbox answer SMTP commands with an error, for
// some recipients, a number of times or for good. A test can so see a 4xx (temporary) turn into
// an accepted message on retry, or a 5xx (permanent) refusal, through a real SMTP conversation.
// Rules live in memory only; the HTTP API (`/api/faults`) and `mailbox.faults` manage them.

export type FaultStage = 'rcpt' | 'data';

export interface FaultRule {
  id: string;
  /** Recipient address (case-insensitive), or `@domain` for a whole domain; absent = everyone. */
  to: string | null;
  /** `rcpt` answers RCPT TO; `data` answers after the message was received (end of DATA). */
  stage: FaultStage;
  /** SMTP reply code, 400–599. */
  code: number;
  message: string;
  /** How many more times the rule fires; null = until removed. */
  remaining: number | null;
  /** How many times it fired. */
  hits: number;
}

export interface NewFaultRule {
  to?: string | null;
  stage?: FaultStage;
  code: number;
  message?: string;
  times?: number | null;
}

/** A rule that does not make sense: the message says which field and why. */
export class FaultRuleError extends Error {}

export class FaultRules {
  private rules: FaultRule[] = [];
  private counter = 0;

  add(input: NewFaultRule): FaultRule {
    const stage = input.stage ?? 'rcpt';
    if (stage !== 'rcpt' && stage !== 'data') throw new FaultRuleError('stage must be "rcpt" or "data"');
    if (!Number.isInteger(input.code) || input.code < 400 || input.code > 599) {
      throw new FaultRuleError('code must be an SMTP error code from 400 to 599');
    }
    const times = input.times ?? null;
    if (times !== null && (!Number.isInteger(times) || times < 1)) {
      throw new FaultRuleError('times must be a positive integer, or null for every time');
    }
    const to = input.to ? input.to.trim().toLowerCase() : null;
    if (to !== null && !/^[^\s@]*@[^\s@]+$/.test(to))
      throw new FaultRuleError('to must be an address or @domain');
    const rule: FaultRule = {
      id: `f${++this.counter}`,
      to,
      stage,
      code: input.code,
      message: (
        input.message ?? (input.code < 500 ? 'Try again later (injected fault)' : 'Refused (injected fault)')
      )
        .replace(/[\r\n]+/g, ' ')
        .slice(0, 200),
      remaining: times,
      hits: 0,
    };
    this.rules.push(rule);
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): number {
    const count = this.rules.length;
    this.rules = [];
    return count;
  }

  /** The first rule for this stage and recipient, counted as fired (and dropped when used up). */
  take(stage: FaultStage, address: string): FaultRule | undefined {
    const wanted = address.toLowerCase();
    const rule = this.rules.find(
      (r) =>
        r.stage === stage &&
        (r.to === null || (r.to.startsWith('@') ? wanted.endsWith(r.to) : wanted === r.to)),
    );
    if (!rule) return undefined;
    rule.hits++;
    if (rule.remaining !== null) {
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return { ...rule };
  }
}
