// First: the deck request goes out before React's code runs ([Note: the deck is asked for first]).
import './lib/early-deck'
import './lib/early-graph'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@fontsource/noto-emoji/400.css'
import './styles/base.css'
import { App } from './App'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}
