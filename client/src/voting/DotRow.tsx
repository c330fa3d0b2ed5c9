/** Dots drawn as circles (up to `max`, then "×n"); decorative, the count is said in words elsewhere. */
export function DotRow({ count, max = 6, className = '' }: { count: number; max?: number; className?: string }) {
  if (count <= 0) return null
  const shown = Math.min(count, max)
  return (
    <span className={`pw-dots ${className}`} aria-hidden="true">
      {Array.from({ length: shown }, (_, i) => (
        <span key={i} className="pw-dot" />
      ))}
      {count > max ? <span className="pw-dots__more">×{count}</span> : null}
    </span>
  )
}
