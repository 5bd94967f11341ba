/** Makes `min-width` media queries match (a wide screen) or not (a phone) until restored. */
export function setWideScreen(wide: boolean): () => void {
  const original = window.matchMedia;
  window.matchMedia = ((query: string) => ({
    ...original(query),
    matches: wide && query.includes('min-width'),
  })) as typeof window.matchMedia;
  return () => {
    window.matchMedia = original;
  };
}
