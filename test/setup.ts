import { parseEnv } from '../api/env.ts';
import { setScryptCost } from '../api/services/auth/password.ts';

// Every test file: password hashes made in this process take the suite's scrypt cost
// (VIGIL_SCRYPT_COST, set in vite.config.ts and inherited by the servers and CLIs the tests start).
setScryptCost(parseEnv(process.env).VIGIL_SCRYPT_COST);
