import assert from 'node:assert/strict';
import { RestartBudget } from '../../packages/vscode-ext/src/restart-budget.js';

describe('restarts of a crashed language server', () => {
  it('restarts up to the budget within the window, then gives up', () => {
    const budget = new RestartBudget({ restarts: 2, windowMs: 1000 });
    assert.deepEqual([budget.crashed(0), budget.crashed(100), budget.crashed(200)], [true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    const budget = new RestartBudget({ restarts: 2, windowMs: 1000 });
    budget.crashed(0);
    budget.crashed(100);
    assert.equal(budget.crashed(1050), true, 'the crash at 0 has left the window');
    assert.equal(budget.crashed(1060), false, 'three crashes within 1000 ms');
  });
});
