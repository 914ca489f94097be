import { POLICY } from '@ecogate/auth';
import { contentTypeOf, safeSegments } from './console-files';
import { consoleContentSecurityPolicy } from './console-headers';
import { acceptsHtml, isConsoleRequest, isReservedPath } from './console-paths';

describe('console paths', () => {
  it('reserves every gateway route that is not the console’s (a new route outside them would be served anonymously as console)', () => {
    const consoleRoutes = ['GET /', 'GET /assets/{path}', 'GET /{path}'];
    for (const route of Object.keys(POLICY.gateway)) {
      if (consoleRoutes.includes(route)) continue;
      const path = route.slice(route.indexOf(' ') + 1).replace(/\{[^}]+\}/g, 'x');
      expect({ route, reserved: isReservedPath(path) }).toEqual({ route, reserved: true });
    }
  });

  it('reserves /api, /auth, /objects, /health and /openapi.json, nothing that merely starts alike', () => {
    for (const path of ['/api', '/api/ledger/v1/x', '/auth/me', '/objects/b/k', '/health', '/openapi.json'])
      expect(isReservedPath(path)).toBe(true);
    for (const path of ['/', '/apis', '/authority', '/healthy', '/passages/today', '/assets/app.js'])
      expect(isReservedPath(path)).toBe(false);
    expect(isConsoleRequest('GET', '/passages')).toBe(true);
    expect(isConsoleRequest('POST', '/passages')).toBe(false);
    expect(isConsoleRequest('GET', '/auth/me')).toBe(false);
  });

  it('tells a browser navigating (HTML accepted) from a script asking for data', () => {
    expect(acceptsHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(acceptsHtml('TEXT/HTML')).toBe(true);
    expect(acceptsHtml('application/json')).toBe(false);
    expect(acceptsHtml('*/*')).toBe(false);
    expect(acceptsHtml('text/html;q=0')).toBe(false);
    expect(acceptsHtml(undefined)).toBe(false);
  });

  it('decodes only segments that stay in the folder', () => {
    expect(safeSegments('index-Ab12.js')).toEqual(['index-Ab12.js']);
    expect(safeSegments('fonts/%E5%AD%97.woff2')).toEqual(['fonts', '字.woff2']);
    for (const raw of [
      '..',
      '%2e%2e',
      '%2E%2E/x',
      'a/../b',
      'a//b',
      '',
      '.env',
      'a%2fb',
      'a%5cb',
      'a%00',
      '%zz',
    ])
      expect({ raw, segments: safeSegments(raw) }).toEqual({ raw, segments: undefined });
  });

  it('names the content types of a Vite build', () => {
    expect(contentTypeOf('/d/assets/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/d/assets/index-1.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/d/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/d/assets/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/d/assets/font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/d/assets/blob.bin')).toBe('application/octet-stream');
  });

  it('builds a strict CSP, with the object store’s origins where images and video come from', () => {
    expect(consoleContentSecurityPolicy([])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    const csp = consoleContentSecurityPolicy(['https://minio.city.example:9000']);
    expect(csp).toContain("img-src 'self' data: blob: https://minio.city.example:9000;");
    expect(csp).toContain("media-src 'self' blob: https://minio.city.example:9000;");
    expect(csp).toContain("connect-src 'self' https://minio.city.example:9000;");
  });
});
