// Make real kubectl and helm available (see packages/testkit/src/kube-tools.ts) and say where.
import { ensureKubeTools } from '@trellis/testkit';

const tools = await ensureKubeTools();
console.log(`kubectl: ${tools.kubectl}`);
console.log(`helm:    ${tools.helm}`);
