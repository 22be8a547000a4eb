/** When an attribute counts as given, for the rules that report a missing one. */
import type { Attribute } from '../parse/parsed-section.js';

/**
 * True when the attribute has a value, or template text in place of one (`[Owner]`, `TBD`), which
 * unfilled-template reports instead; false when it is absent or empty.
 */
export function isStated(attribute: Attribute | undefined): boolean {
  return attribute !== undefined && (attribute.placeholder || attribute.value.trim() !== '');
}
