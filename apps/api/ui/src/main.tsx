import { render } from 'preact';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import './styles.css';
import { ApiClient } from './api/client';
import { Shell } from './components/Shell';

render(<Shell api={new ApiClient()} />, document.getElementById('app')!);
