import type { Core } from '@strapi/strapi';
import { registerComponents } from './components';
import { fillItemSlugs } from './document-service/item-slugs';
import { validateWrites } from './document-service/validate-writes';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  // Order matters: a generated slug is part of what is checked.
  strapi.documents.use(fillItemSlugs(strapi) as never);
  strapi.documents.use(validateWrites(strapi) as never);
};

export default register;
