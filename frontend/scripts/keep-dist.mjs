// Vite's emptyOutDir removes dist/.gitkeep; the Go binary embeds frontend/dist
// with go:embed, which needs the directory to exist on a clean clone.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
writeFileSync('dist/.gitkeep', '');
