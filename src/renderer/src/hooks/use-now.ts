/** Date.now(), refreshed every `intervalMs` (the presenter's clocks). */
import { useEffect, useState } from 'react'

export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
