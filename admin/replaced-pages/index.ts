import type { AdminFileToWrite } from '@keystone-6/core/types'

// Pages of Keystone's Admin UI that the desk replaces. Written through `ui.getAdditionalFiles`,
// which takes the place of Keystone's file of the same name; a page in admin/pages/ would be
// written beside it instead (index.js and index.tsx), leaving Next to pick one.
const replacing = (outputPath: string, module: string): AdminFileToWrite => ({
  mode: 'write',
  outputPath,
  src: `export { default } from '../../../admin/replaced-pages/${module}'\n`,
})

export const replacedKeystonePages: AdminFileToWrite[] = [replacing('pages/index.js', 'this-week'), replacing('pages/_document.js', 'document')]
