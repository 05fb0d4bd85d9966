import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './talk.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html lost its #app element');

export default mount(App, { target });
