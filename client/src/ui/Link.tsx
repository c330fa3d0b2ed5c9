import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from '../router.ts'

/** An ordinary link (works with middle-click and "open in new tab") that navigates in-app on a plain click. */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onPlainClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return
    if (rest.target && rest.target !== '_self') return
    event.preventDefault()
    navigate(to)
  }
  // The content comes in with `rest` (children).
  // eslint-disable-next-line jsx-a11y/anchor-has-content
  return <a href={to} onClick={onPlainClick} {...rest} />
}
