import React from 'react'

import { Document } from '../_components/Document.js'

export const metadata = { title: 'Role Catalog' }

const Layout = ({ children }: { children: React.ReactNode }) => <Document>{children}</Document>

export default Layout
