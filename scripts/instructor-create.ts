/**
 * `npm run instructor:create -- --email ada@school.org [options]`: creates an
 * instructor account in the local D1 (the one `npm start` serves), for a fresh
 * install or when sign-up is switched off. The password comes from
 * --password, else the INSTRUCTOR_PASSWORD environment variable, else a
 * hidden prompt; it must pass the same rules as the sign-up form.
 *
 * Options:
 *   --reset-password   the account exists: set this new password and end all its sessions
 *   --persist-to DIR   the local state directory, as given to `wrangler dev --persist-to`
 *   --sql              write nothing; print the SQL for a deployed database instead:
 *                      npm run -s instructor:create -- --email … --sql > instructor.sql
 *                      npx wrangler d1 execute DB --remote --file instructor.sql
 *
 * `--remote` is not supported: the script writes through wrangler's local
 * platform proxy, which only reaches the local D1. Use --sql for production.
 */
import { parseArgs } from 'node:util'
import { getPlatformProxy } from 'wrangler'
import { emailSchema, newPasswordProblem } from '../src/auth/credentials'
import { hashPassword } from '../src/auth/password'
import { signInAccountBucket } from '../src/auth/rate-limit'
import { createDb } from '../src/db/client'
import { findInstructorByEmail, replaceInstructorPassword } from '../src/db/instructors'
import { clearBucket } from '../src/db/rate-limits'
import { createInstructor } from '../src/services/instructor-auth'

const usage = `Usage: npm run instructor:create -- --email ADDRESS [--password PASSWORD] [--reset-password] [--persist-to DIR] [--sql]
The password may also come from INSTRUCTOR_PASSWORD, or is asked for.`

function exit(message: string, code = 1): never {
  console.error(message)
  process.exit(code)
}

function readOptions() {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        'reset-password': { type: 'boolean', default: false },
        'persist-to': { type: 'string' },
        sql: { type: 'boolean', default: false },
        remote: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values
  } catch (error) {
    return exit(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2)
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process
  return new Promise((resolve, reject) => {
    let input = ''
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish()
          return resolve(input)
        }
        if (char === '\u0003') {
          finish()
          return reject(new Error('Cancelled.'))
        }
        if (char === '\u007f' || char === '\b') input = Array.from(input).slice(0, -1).join('')
        else input += char
      }
    }
    stderr.write(question)
    stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    stdin.resume()
    stdin.on('data', onData)
  })
}

async function readPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) {
    console.error('Note: a password given with --password may be kept in your shell history.')
    return given
  }
  const fromEnv = process.env.INSTRUCTOR_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY)
    exit('No password: pass --password, set INSTRUCTOR_PASSWORD, or run in a terminal.')
  const password = await promptHidden('Password: ')
  if ((await promptHidden('Password again: ')) !== password) exit('The two passwords are not the same.')
  return password
}

/** The messages of an error and of its causes (Drizzle wraps D1's error). */
function causes(error: unknown): string[] {
  const messages: string[] = []
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message)
  return messages
}

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`

/** The statements that do on a deployed D1 what this script does locally. */
async function sqlFor(email: string, password: string, reset: boolean): Promise<string> {
  const { hash, salt, iterations } = await hashPassword(password)
  if (reset)
    return [
      `UPDATE instructors SET password_hash = ${quote(hash)}, salt = ${quote(salt)}, iterations = ${iterations} WHERE email = ${quote(email)};`,
      `DELETE FROM sessions WHERE instructor_id = (SELECT id FROM instructors WHERE email = ${quote(email)});`,
      `DELETE FROM rate_limits WHERE bucket = ${quote(signInAccountBucket(email))};`,
    ].join('\n')
  return `INSERT INTO instructors (id, email, password_hash, salt, iterations, created_at) VALUES (${quote(crypto.randomUUID())}, ${quote(email)}, ${quote(hash)}, ${quote(salt)}, ${iterations}, ${Date.now()});`
}

const options = readOptions()
if (options.help) exit(usage, 0)
if (options.remote)
  exit(
    [
      '--remote is not supported: this script only reaches the local D1.',
      'For a deployed database, print the SQL and run it with wrangler:',
      `  npm run -s instructor:create -- --email ${options.email ?? 'ADDRESS'} --sql > instructor.sql`,
      '  npx wrangler d1 execute DB --remote --file instructor.sql && rm instructor.sql',
    ].join('\n'),
    2,
  )
const parsedEmail = emailSchema.safeParse(options.email ?? '')
if (!parsedEmail.success) exit(`--email: ${parsedEmail.error.issues[0]?.message ?? 'required'}\n${usage}`, 2)
const email = parsedEmail.data
const password = await readPassword(options.password)
const problem = newPasswordProblem(password, email)
if (problem) exit(`Password refused: ${problem}`)
const reset = options['reset-password'] ?? false

if (options.sql) {
  console.log(await sqlFor(email, password, reset))
  console.error(`SQL for ${email} printed; run it with: npx wrangler d1 execute DB --remote --file <file>`)
  process.exit(0)
}

// wrangler's --persist-to DIR keeps D1 under DIR/v3, which is what `persist.path` expects.
const persistTo = options['persist-to']
const proxy = await getPlatformProxy<Env>({ persist: persistTo ? { path: `${persistTo}/v3` } : true })
try {
  const db = createDb(proxy.env.DB)
  const existing = await findInstructorByEmail(db, email).catch((error: unknown) => {
    if (causes(error).some((message) => message.includes('no such table')))
      exit('The local database has no instructors table yet: run npm run db:migrate first.')
    throw error
  })
  if (reset) {
    if (!existing) exit(`There is no instructor ${email}; leave out --reset-password to create one.`)
    await replaceInstructorPassword(db, existing.id, await hashPassword(password))
    await clearBucket(db, signInAccountBucket(email))
    console.log(`New password set for ${email}; their sessions have ended.`)
  } else {
    if (existing) exit(`${email} already has an account. Add --reset-password to give it a new password.`)
    await createInstructor(db, email, password)
    console.log(`Instructor ${email} created. Sign in at /studio/signin.`)
  }
} finally {
  await proxy.dispose()
}
