import { redirect } from 'next/navigation.js'

const Home = () => redirect('/roles')

export default Home
