import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { registerServiceWorker } from './lib/service-worker.js';
import { applyRememberedLanguage } from './settings/language.js';
import './styles.css';
import './conversation.css';
import './ux.css';
import './app.css';
import './webapp.css';

applyRememberedLanguage();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

registerServiceWorker();
