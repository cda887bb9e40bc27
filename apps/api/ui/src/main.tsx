import { render } from 'preact';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import './styles.css';
import { ApiClient } from './api/client';
import { Shell } from './components/Shell';
import { RatingApp } from './rating/RatingPage';
import { parseRatingRoute } from './rating/rating-route';

render(parseRatingRoute(location.hash) ? <RatingApp /> : <Shell api={new ApiClient()} />, document.getElementById('app')!);
