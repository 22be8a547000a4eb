/** Types of generate-plan.mjs, for the tests that use generated plans. */
export function generatePlan(controls: number, options?: { seed?: number; title?: string }): string;
