/**
 * `npm run bench:dashboard`: only the results-dashboard scenario of
 * `npm run bench`, on a fresh bench D1 (.wrangler/bench).
 */
import { runDashboardBench } from './dashboard'
import { prepareApp } from './server'

const STATE_DIR = '.wrangler/bench'

prepareApp(STATE_DIR)
console.log('\n== Results dashboard')
const report = await runDashboardBench(STATE_DIR)
console.log(`\n${JSON.stringify(report, null, 2)}`)
