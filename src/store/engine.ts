/** Which SQL engine a store runs on; code branches on it only inside src/store. */
export type Engine = 'sqlite' | 'postgres';
