// metav1.LabelSelector (matchLabels + matchExpressions) → LabelSelector, with the semantics of
// metav1.LabelSelectorAsSelector: nil selects nothing, {} selects everything.
import type { JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { everythingLabelSelector, newLabelRequirement, nothingLabelSelector } from './label-selector.ts';
import type { LabelOperator, LabelRequirement, LabelSelector } from './label-selector.ts';
import { SelectorError } from './selector-error.ts';

const EXPRESSION_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/** Stored selectors hold strings; anything else is shown as JSON so validation can reject it. */
function scalarString(v: JsonValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function stringField(obj: Record<string, JsonValue>, field: string): string {
  const v = obj[field];
  return typeof v === 'string' ? v : '';
}

/**
 * Converts a stored metav1.LabelSelector. `undefined`/`null` → matches nothing (as a nil pointer
 * does: a Service without selector selects no pods, an aggregation rule without selectors
 * aggregates nothing); `{}` → matches everything. Throws SelectorError for invalid keys, values
 * or operators, with apimachinery's messages.
 */
export function labelSelectorFromObject(obj: JsonValue | undefined): LabelSelector {
  if (obj === undefined || obj === null) return nothingLabelSelector();
  if (!isJsonObject(obj)) throw new SelectorError('label selector must be an object');
  const matchLabels = isJsonObject(obj.matchLabels) ? obj.matchLabels : {};
  const matchExpressions = Array.isArray(obj.matchExpressions) ? obj.matchExpressions : [];
  if (Object.keys(matchLabels).length + matchExpressions.length === 0) return everythingLabelSelector();

  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(matchLabels)) {
    requirements.push(newLabelRequirement(key, '=', [scalarString(value)]));
  }
  for (const expr of matchExpressions) {
    if (!isJsonObject(expr)) throw new SelectorError('matchExpressions entries must be objects');
    const operatorName = stringField(expr, 'operator');
    const operator = EXPRESSION_OPERATORS[operatorName];
    if (operator === undefined) throw new SelectorError(`${JSON.stringify(operatorName)} is not a valid label selector operator`);
    const values = Array.isArray(expr.values) ? expr.values.map(scalarString) : [];
    requirements.push(newLabelRequirement(stringField(expr, 'key'), operator, values));
  }
  // selector.Add sorts by key; values keep their given order (matching does not care).
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { requirements };
}
