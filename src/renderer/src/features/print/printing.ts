/**
 * Whether live components render for a static copy (the PDF/HTML backup and
 * report figures): then a demo starts on its first example so the copy shows
 * a real prediction, and nothing waits for the slide to become current.
 */
import { createContext, useContext } from 'react'

export const PrintingContext = createContext(false)

/** true inside the print view. */
export function usePrinting(): boolean {
  return useContext(PrintingContext)
}
