import { NotFound } from '../../../../_components/NotFound.js'

export default NotFound
