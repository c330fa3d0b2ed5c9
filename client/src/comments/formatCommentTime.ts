/**
 * When a comment was written, as people in the room say it: the time for today ("14:05"),
 * date and time otherwise. Uses the UI language's conventions.
 */
export function formatCommentTime(createdAt: number, language: string, now = Date.now()): string {
  const date = new Date(createdAt)
  const today = new Date(now)
  const sameDay =
    date.getFullYear() === today.getFullYear() &&
    date.getMonth() === today.getMonth() &&
    date.getDate() === today.getDate()
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
  return new Intl.DateTimeFormat(language, options).format(date)
}
