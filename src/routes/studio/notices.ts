import type { Context } from 'hono'

/** What a `?done=` after a redirect tells the instructor (an unknown value shows nothing). */
const notices: Record<string, string> = {
  created: 'Quiz set created. Add questions, then publish it.',
  saved: 'Saved.',
  withdrawn: 'Accommodation withdrawn. Attempts already started keep their deadline.',
  duplicated: 'This is the copy: a private draft with the same questions and settings.',
  archived: 'Archived: learners can no longer find it.',
  restored: 'Restored.',
  published: 'Published. Learners now get this version.',
  'published-uncited':
    'Published. Learners now get this version; the questions marked "uncited" show no source to them.',
  added: 'Question added to the set.',
  removed: 'Question removed from the set.',
  moved: 'Order changed.',
  'question-saved': 'Question saved.',
  'source-added': 'Source added with its text: its sentences can now be cited.',
  'source-deleted': 'Source deleted.',
  'draft-accepted': 'Draft accepted: it is now a question of yours in the set.',
  'draft-rejected': 'Draft rejected.',
  'image-saved': 'Images saved.',
  'question-copied': 'Saved as a new version of the question; published versions keep the old one.',
  'report-replied': 'Reply saved: the learner who sent this report sees it on their results.',
  'report-reply-removed': 'Reply removed.',
  'report-resolved': 'Report resolved.',
  'report-reopened': 'Report reopened.',
}

export const noticeOf = (c: Context) => notices[c.req.query('done') ?? '']
