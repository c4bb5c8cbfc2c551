// Label and field selectors as the Kubernetes API server parses, validates and matches them.
export { SelectorError } from './selector-error.ts';
export {
  everythingLabelSelector,
  isEverythingLabelSelector,
  labelSelectorExactValue,
  labelSelectorFromSet,
  labelSelectorToString,
  matchesLabels,
  newLabelRequirement,
  nothingLabelSelector,
  parseLabelSelector,
} from './label-selector.ts';
export type { LabelOperator, LabelRequirement, LabelSelector } from './label-selector.ts';
export { labelSelectorFromObject } from './label-selector-object.ts';
export {
  escapeFieldValue,
  fieldSelectorExactValue,
  fieldSelectorToString,
  matchesFields,
  parseFieldSelector,
  unescapeFieldValue,
} from './field-selector.ts';
export type { FieldOperator, FieldRequirement, FieldSelector } from './field-selector.ts';
export { convertFieldSelector, fieldSetFor, supportedFieldLabels, unsupportedFieldError } from './field-sets.ts';
export type { FieldSetOptions } from './field-sets.ts';
