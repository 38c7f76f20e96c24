// The plugin's services by name, typed: one place that knows what `strapi.plugin('linkage').service(name)` returns.
import type { Core } from '@strapi/strapi';
import type services from './services';

type Factories = typeof services;
export type LinkageServices = { [K in keyof Factories]: ReturnType<Factories[K]> };
export type LinkageServiceName = keyof LinkageServices;

export const getService = <K extends LinkageServiceName>(strapi: Core.Strapi, name: K): LinkageServices[K] => strapi.plugin('linkage').service(name) as LinkageServices[K];
