import type { Core } from '@strapi/strapi';
import { registerComponents } from './components';
import { fillItemSlugs } from './document-service/item-slugs';
import { storeConditions } from './document-service/stored-conditions';
import { validateWrites } from './document-service/validate-writes';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  // Order matters: what is checked is what will be stored, generated slug included.
  strapi.documents.use(storeConditions as never);
  strapi.documents.use(fillItemSlugs(strapi) as never);
  strapi.documents.use(validateWrites(strapi) as never);
};

export default register;
