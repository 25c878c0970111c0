# Paper 2's model (Hung et al., ICASSP 2024, section 2.2) in plain PyTorch, written from the paper's text, Won et
# al.'s harmonic filters (ICASSP 2020) and Lu et al.'s PerceiverTF block (ICASSP 2023), for a numerical cross-check
# of chordflow's DJL port (io.chordflow.model.perceiver.PerceiverTf). Not part of the build.
#
#   /usr/bin/python3 perceiver_tf_reference.py fixture DIR   writes the golden set PerceiverTfGoldenTest reads:
#       model.pt (torch.save of a random small model's state_dict, under chordflow's dotted parameter names:
#       LayerNorm weight/bias as gamma/beta, as DJL names them), x.npy (an input) and y.npy (its logits)
#   /usr/bin/python3 perceiver_tf_reference.py count ARGS   the parameter count of a size, for comparing with
#       `chordflow model-info --arch perceiver-tf`: classes features hidden layers heads spec latents
import math, sys
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

def timing_signal(length, channels):
    # the Transformer's sinusoids as BTC builds them: channels/2 timescales from 1 to 1e4, [sin | cos], zero pad
    n = channels // 2
    inc = math.log(1.0e4) / max(1, n - 1)
    scaled = np.arange(length)[:, None] * np.exp(np.arange(n) * -inc)[None, :]
    s = np.concatenate([np.sin(scaled), np.cos(scaled)], axis=1)
    s = np.pad(s, [[0, 0], [0, channels % 2]])
    return torch.from_numpy(s).float()

class HarmonicFilters(nn.Module):
    # Won et al. 2020: triangular filters at h * f0 (h = 1..H), bandwidth (0.1079 f + 24.7) / Q, f0 and Q learnt;
    # here over the input bins' centre frequencies (CQT: fmin * 2^(k/bpo)), on exp(input), then log(. + 1e-6)
    def __init__(self, bins, f0_bins, harmonics, fmin, bpo):
        super().__init__()
        self.harmonics, self.f0_bins = harmonics, f0_bins
        self.register_buffer('bin_hz', torch.tensor([fmin * 2 ** (k / bpo) for k in range(bins)], dtype=torch.float32))
        self.f0 = nn.Parameter(torch.tensor([fmin * 2 ** (j / bpo) for j in range(f0_bins)], dtype=torch.float32))
        self.bw_q = nn.Parameter(torch.ones(1))
    def forward(self, x):                       # [B,T,F]
        b, t, _ = x.shape
        centre = torch.cat([h * self.f0 for h in range(1, self.harmonics + 1)])
        bw = (0.1079 * centre + 24.7) / self.bw_q
        fb = torch.relu(1 - 2 * (self.bin_hz[:, None] - centre[None, :]).abs() / bw[None, :])
        y = torch.log(torch.exp(x) @ fb + 1e-6)
        return y.reshape(b, t, self.harmonics, self.f0_bins).permute(0, 2, 1, 3)   # [B,H,T,F0]

class ResidualUnit(nn.Module):                  # pre-activation, no batch norm
    def __init__(self, c):
        super().__init__()
        self.conv_a = nn.Conv2d(c, c, 3, padding=1); self.conv_b = nn.Conv2d(c, c, 3, padding=1)
    def forward(self, x):
        return x + self.conv_b(torch.relu(self.conv_a(torch.relu(x))))

class Attention(nn.Module):                     # heads of head_dim each, scaled dot product
    def __init__(self, width, memory_width, heads, head_dim):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        self.query = nn.Linear(width, heads * head_dim); self.key = nn.Linear(memory_width, heads * head_dim)
        self.value = nn.Linear(memory_width, heads * head_dim); self.output = nn.Linear(heads * head_dim, width)
    def forward(self, x, memory):
        n, lq, _ = x.shape; lk = memory.shape[1]
        split = lambda t, l: t.reshape(n, l, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = split(self.query(x), lq), split(self.key(memory), lk), split(self.value(memory), lk)
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.head_dim), dim=-1)
        return self.output((w @ v).transpose(1, 2).reshape(n, lq, self.heads * self.head_dim))

class PreNormLayer(nn.Module):
    def __init__(self, width, memory_width, heads, head_dim, ff):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.norm_memory = nn.LayerNorm(memory_width) if memory_width else None
        self.attention = Attention(width, memory_width or width, heads, head_dim)
        self.ff_norm = nn.LayerNorm(width); self.ff1 = nn.Linear(width, ff); self.ff2 = nn.Linear(ff, width)
    def forward(self, x, memory=None):
        q = self.norm(x)
        x = x + self.attention(q, q if memory is None else self.norm_memory(memory))
        return x + self.ff2(F.gelu(self.ff1(self.ff_norm(x))))

class PerceiverTfBlock(nn.Module):
    # per frame: latents cross-attend to the spectral tokens, then to each other; then each latent over time
    def __init__(self, width, spec, heads, head_dim, ff, latents, latent_layers, temporal_layers):
        super().__init__()
        self.width, self.latents = width, latents
        self.cross = PreNormLayer(width, spec, heads, head_dim, ff)
        for i in range(latent_layers):
            setattr(self, f'latent{i}', PreNormLayer(width, 0, heads, head_dim, ff))
        for i in range(temporal_layers):
            setattr(self, f'time{i}', PreNormLayer(width, 0, heads, head_dim, ff))
        self.latent_layers = [getattr(self, f'latent{i}') for i in range(latent_layers)]
        self.temporal_layers = [getattr(self, f'time{i}') for i in range(temporal_layers)]
    def forward(self, z, spectral):             # z [B,T,K,D], spectral [B*T,F,C]
        b, t, k, d = z.shape
        y = self.cross(z.reshape(b * t, k, d), spectral)
        for l in self.latent_layers:
            y = l(y)
        y = y.reshape(b, t, k, d).permute(0, 2, 1, 3).reshape(b * k, t, d) + timing_signal(t, d)
        for l in self.temporal_layers:
            y = l(y)
        return y.reshape(b, k, t, d).permute(0, 2, 1, 3)

class PerceiverTf(nn.Module):
    def __init__(self, classes, bins, hidden, layers, heads, ff, spec, latents, latent_layers, temporal_layers,
                 head_dim, harmonics=6, f0_bins=None, pool=((2, 1), (2, 1)), fmin=32.70319566257483, bpo=24):
        super().__init__()
        f0_bins = f0_bins or bins - round(bpo * math.log2(harmonics))
        tokens = f0_bins
        for pf, _ in pool:
            tokens //= pf
        self.pool, self.latents_n, self.hidden, self.spec = pool, latents, hidden, spec
        self.freq_pos = nn.Parameter(torch.randn(tokens, spec) * 0.02)
        self.latents = nn.Parameter(torch.randn(latents, hidden) * 0.02)
        self.harmonic = HarmonicFilters(bins, f0_bins, harmonics, fmin, bpo)
        self.stem = nn.Conv2d(harmonics, spec, 3, padding=1)
        for i in range(len(pool)):
            setattr(self, f'res{i}', ResidualUnit(spec))
        for i in range(layers):
            setattr(self, f'block{i}', PerceiverTfBlock(hidden, spec, heads, head_dim, ff, latents, latent_layers,
                                                         temporal_layers))
        self.n_layers = layers
        self.norm = nn.LayerNorm(hidden)
        self.output = nn.Linear(latents * hidden, classes)
    def forward(self, x):                       # [B,T,F] -> [B,T/pool_t,classes]
        b = x.shape[0]
        s = self.stem(self.harmonic(x))         # [B,C,T,F0]
        for i, (pf, pt) in enumerate(self.pool):
            s = F.max_pool2d(getattr(self, f'res{i}')(s), (pt, pf))
        t, f = s.shape[2], s.shape[3]
        spectral = s.permute(0, 2, 3, 1).reshape(b * t, f, self.spec) + self.freq_pos
        z = self.latents.expand(b, t, self.latents_n, self.hidden)
        for i in range(self.n_layers):
            z = getattr(self, f'block{i}')(z, spectral)
        return self.output(self.norm(z).reshape(b, t, self.latents_n * self.hidden))

def djl_names(model):
    # chordflow's dotted names: DJL calls a LayerNorm's weight and bias gamma and beta
    out = {}
    norms = {n for n, m in model.named_modules() if isinstance(m, nn.LayerNorm)}
    for name, p in model.state_dict().items():
        module, _, leaf = name.rpartition('.')
        if module in norms:
            leaf = {'weight': 'gamma', 'bias': 'beta'}[leaf]
        if name == 'harmonic.bin_hz':
            continue
        out[(module + '.' if module else '') + leaf] = p.detach().clone()
    return out

def fixture(d):
    torch.manual_seed(17)
    # the size PerceiverTfGoldenTest builds: 72 bins (10 centre frequencies), pools (2,1),(1,2), 2 blocks
    m = PerceiverTf(classes=5, bins=72, hidden=16, layers=2, heads=2, ff=32, spec=8, latents=3, latent_layers=1,
                    temporal_layers=1, head_dim=16, pool=((2, 1), (1, 2)))
    with torch.no_grad():                        # move every parameter off its initial value so each one counts
        for n, p in m.named_parameters():
            if n.endswith('f0'):
                p.mul_(1 + 0.05 * torch.rand_like(p))
            elif n.endswith('bw_q'):
                p.fill_(1.3)
            elif p.dim() == 1 or n in ('latents', 'freq_pos'):
                p.add_(0.3 * torch.randn_like(p))
    m.eval()
    x = torch.randn(2, 8, 72)
    with torch.no_grad():
        y = m(x)
    torch.save(djl_names(m), f'{d}/model.pt')
    np.save(f'{d}/x.npy', x.numpy())
    np.save(f'{d}/y.npy', y.numpy())
    print('parameters', sum(p.numel() for p in m.parameters()), 'output', tuple(y.shape), 'max |y|', y.abs().max().item())

if __name__ == '__main__':
    if sys.argv[1] == 'fixture':
        fixture(sys.argv[2])
    elif sys.argv[1] == 'count':
        c, f, h, l, heads, spec, k = map(int, sys.argv[2:9])
        m = PerceiverTf(c, f, h, l, heads, 4 * h, spec, k, 2, 3, h)
        print(sum(p.numel() for p in m.parameters()))
