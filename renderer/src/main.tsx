import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CitizenPassScreen } from './features/tracking/CitizenScreen';
import { isCitizenPage } from './features/tracking/citizen-client';
import './styles.css';

// The citizen's rating page (a second tab or window holding only a citizen pass) is not the desk:
// no sign-in, no navigation, nothing but its one dossier.
createRoot(document.getElementById('root')!).render(<StrictMode>{isCitizenPage(window.location) ? <CitizenPassScreen /> : <App />}</StrictMode>);
