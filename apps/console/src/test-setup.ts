// Ant Design's responsive hooks and observers, fixed for tests: no media query matches.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
const ignore = (): void => undefined;
window.ResizeObserver ??= class {
  observe = ignore;
  unobserve = ignore;
  disconnect = ignore;
};

// No network in unit tests: happy-dom's fetch would really connect (to localhost:3000, its default
// origin). A page's test fakes the gateway (`fakeGateway`), which replaces this.
globalThis.fetch = (input) =>
  Promise.reject(new Error(`unit tests reach no network: fake the gateway for ${String(input)}`));
