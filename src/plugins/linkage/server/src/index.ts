// The linkage plugin: multi-level linked government online services.
import bootstrap from './bootstrap';
import contentTypes from './content-types';
import config from './config';
import controllers from './controllers';
import cors from './middlewares/cors';
import databaseOutage from './middlewares/database-outage';
import destroy from './destroy';
import policies from './policies';
import register from './register';
import routes from './routes';
import services from './services';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies,
  middlewares: { cors, 'database-outage': databaseOutage },
};
