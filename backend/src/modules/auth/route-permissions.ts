import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { declaresAccess, readRouteAccess, RouteAccess } from './guards/auth.guard';

/** One registered route and what it declares about who may call it. */
export interface RoutePermission {
  method: string;
  path: string;
  /** `Controller.method`, to find the code. */
  handler: string;
  access: RouteAccess;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [''];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/**
 * Every route of every controller in the application, read from the same metadata the global AuthGuard reads.
 * The route-permission spec fails when one declares nothing; docs/security.md's table is rendered from it.
 */
export function collectRoutePermissions(app: INestApplication, globalPrefix: string): RoutePermission[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: RoutePermission[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const access = readRouteAccess(reflector, [handler, controller]);
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({
              method: RequestMethod[method],
              path: joinPath(globalPrefix, base, sub),
              handler: `${controller.name}.${name}`,
              access,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Who may call a route, in words. */
export function describeAccess(access: RouteAccess): string {
  if (access.isPublic) return 'public';
  if (!declaresAccess(access)) return '**nobody (undeclared: refused)**';
  const who: string[] = [];
  if (access.authenticated) who.push('any signed-in staff user');
  else if (access.roles?.length) who.push(`staff: ${access.roles.join(', ')}`);
  if (access.scopes?.length) who.push(`API clients with ${access.scopes.map((s) => `\`${s}\``).join(' + ')}`);
  return who.join('; ');
}

/** The Markdown table of docs/security.md, columns padded so it reads well as text too. */
export function renderRouteTable(routes: RoutePermission[]): string {
  const rows = [
    ['Method', 'Path', 'Who may call'],
    ...routes.map((r) => [r.method, `\`${r.path}\``, describeAccess(r.access)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(3, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
