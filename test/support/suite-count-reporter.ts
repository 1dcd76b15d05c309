/**
 * A vitest reporter that prints how many tests each suite folder ran (test/store, test/devices, …)
 * and, with CI=true, fails the run when any test was skipped: a device or PostgreSQL suite that
 * skips in CI because a tool is missing is a failure, not a pass (developers' guide).
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface Count {
  passed: number;
  failed: number;
  skipped: number;
}

/** test/devices/x.test.ts → "test/devices"; main/core/documents/y.test.ts → "main/core". */
function suiteOf(file: string): string {
  const parts = relative(process.cwd(), file).split(/[\\/]/);
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/') || parts[0]!;
}

export default class SuiteCountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, Count>();
    const skippedNames: string[] = [];
    for (const mod of testModules) {
      const suite = suiteOf(mod.moduleId);
      const c = counts.get(suite) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') c.passed += 1;
        else if (state === 'failed') c.failed += 1;
        else {
          c.skipped += 1;
          skippedNames.push(`${relative(process.cwd(), mod.moduleId)} › ${test.fullName}`);
        }
      }
      counts.set(suite, c);
    }
    const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log('\nTests per suite (passed / failed / skipped):');
    for (const [suite, c] of rows) console.log(`  ${suite.padEnd(24)} ${String(c.passed).padStart(5)} ${String(c.failed).padStart(5)} ${String(c.skipped).padStart(5)}`);
    if (process.env.CI === 'true' && skippedNames.length > 0) {
      console.error(`\nCI=true: ${skippedNames.length} test(s) skipped; in CI every suite must run:`);
      for (const name of skippedNames) console.error(`  - ${name}`);
      process.exitCode = 1;
    }
  }
}
