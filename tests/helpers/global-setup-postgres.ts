import { dropTemplate, prepareTemplate } from './test-db';

export default async function setup() {
  process.env.TEST_TEMPLATE_DB ??= `prodtrack_template_${process.pid}`;
  await prepareTemplate();
  return async () => {
    await dropTemplate();
  };
}
