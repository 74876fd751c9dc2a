import type { AdminConfig } from '@keystone-6/core/types'

import { DeskLogo } from './components/desk-logo'
import { DeskNavigation } from './components/desk-navigation'

// The Admin UI as the site's own desk: its name and icon, and navigation grouped by what editors do.
export const components: AdminConfig['components'] = {
  Logo: DeskLogo,
  Navigation: DeskNavigation,
}
