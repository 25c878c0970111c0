# BTC as the authors' PyTorch code builds it (jayg996/BTC-ISMIR19: btc_model.py, utils/transformer_modules.py),
# re-typed for a numerical cross-check of chordflow's DJL port. Not part of the build.
#
#   python3 btc_reference.py fixture DIR      writes the small golden set used by BtcGoldenTest (weights in DJL
#                                             parameter order, input, expected logits)
#   python3 btc_reference.py compare DIR [N]  compares with a full-size export (p###.npy, x.npy, y.npy) and, with N,
#                                             times N Adam steps (batch 16 x 108) and N inference passes, 2 threads
#
# The full-size model here has 3,036,842 parameters with the unused LSTM, the published count.
import math, sys, time
import numpy as np, torch, torch.nn as nn

def _gen_timing_signal(length, channels, min_timescale=1.0, max_timescale=1.0e4):
    position = np.arange(length)
    num_timescales = channels // 2
    log_timescale_increment = (math.log(float(max_timescale) / float(min_timescale)) / (float(num_timescales) - 1))
    inv_timescales = min_timescale * np.exp(np.arange(num_timescales).astype(np.float64) * -log_timescale_increment)
    scaled_time = np.expand_dims(position, 1) * np.expand_dims(inv_timescales, 0)
    signal = np.concatenate([np.sin(scaled_time), np.cos(scaled_time)], axis=1)
    signal = np.pad(signal, [[0, 0], [0, channels % 2]], 'constant', constant_values=[0.0, 0.0])
    return torch.from_numpy(signal.reshape([1, length, channels])).float()

def _gen_bias_mask(max_length):
    np_mask = np.triu(np.full([max_length, max_length], -np.inf), 1)
    return torch.from_numpy(np_mask).float().unsqueeze(0).unsqueeze(1)

class LayerNorm(nn.Module):
    def __init__(self, features, eps=1e-6):
        super().__init__(); self.gamma = nn.Parameter(torch.ones(features)); self.beta = nn.Parameter(torch.zeros(features)); self.eps = eps
    def forward(self, x):
        mean = x.mean(-1, keepdim=True); std = x.std(-1, keepdim=True)
        return self.gamma * (x - mean) / (std + self.eps) + self.beta

class MultiHeadAttention(nn.Module):
    def __init__(self, input_depth, total_key_depth, total_value_depth, output_depth, num_heads, bias_mask=None, dropout=0.0):
        super().__init__()
        self.num_heads = num_heads; self.query_scale = (total_key_depth // num_heads) ** -0.5; self.bias_mask = bias_mask
        self.query_linear = nn.Linear(input_depth, total_key_depth, bias=False)
        self.key_linear = nn.Linear(input_depth, total_key_depth, bias=False)
        self.value_linear = nn.Linear(input_depth, total_value_depth, bias=False)
        self.output_linear = nn.Linear(total_value_depth, output_depth, bias=False)
        self.dropout = nn.Dropout(dropout)
    def _split_heads(self, x):
        shape = x.shape
        return x.view(shape[0], shape[1], self.num_heads, shape[2] // self.num_heads).permute(0, 2, 1, 3)
    def _merge_heads(self, x):
        shape = x.shape
        return x.permute(0, 2, 1, 3).contiguous().view(shape[0], shape[2], shape[3] * self.num_heads)
    def forward(self, queries, keys, values):
        queries = self._split_heads(self.query_linear(queries)); keys = self._split_heads(self.key_linear(keys)); values = self._split_heads(self.value_linear(values))
        queries = queries * self.query_scale
        logits = torch.matmul(queries, keys.permute(0, 1, 3, 2))
        if self.bias_mask is not None:
            logits = logits + self.bias_mask[:, :, :logits.shape[-2], :logits.shape[-1]].type_as(logits.data)
        weights = self.dropout(nn.functional.softmax(logits, dim=-1))
        return self.output_linear(self._merge_heads(torch.matmul(weights, values)))

class Conv(nn.Module):
    def __init__(self, input_size, output_size, kernel_size, pad_type):
        super().__init__()
        padding = (kernel_size - 1, 0) if pad_type == 'left' else (kernel_size // 2, (kernel_size - 1) // 2)
        self.pad = nn.ConstantPad1d(padding, 0); self.conv = nn.Conv1d(input_size, output_size, kernel_size=kernel_size, padding=0)
    def forward(self, inputs):
        return self.conv(self.pad(inputs.permute(0, 2, 1))).permute(0, 2, 1)

class PositionwiseFeedForward(nn.Module):
    def __init__(self, input_depth, filter_size, output_depth, dropout=0.0):
        super().__init__()
        self.layers = nn.ModuleList([Conv(input_depth, filter_size, 3, 'both'), Conv(filter_size, output_depth, 3, 'both')])
        self.relu = nn.ReLU(); self.dropout = nn.Dropout(dropout)
    def forward(self, inputs):
        x = inputs
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers):
                x = self.dropout(self.relu(x))
        return x

class SelfAttentionBlock(nn.Module):
    def __init__(self, h, heads, mask, p):
        super().__init__()
        self.layer_norm_mha = LayerNorm(h)
        self.multi_head_attention = MultiHeadAttention(h, h, h, h, heads, mask, p)
        self.layer_norm_ffn = LayerNorm(h)
        self.positionwise_convolution = PositionwiseFeedForward(h, h, h, p)
        self.dropout = nn.Dropout(p)
    def forward(self, x):
        x_norm = self.layer_norm_mha(x)
        y = self.multi_head_attention(x_norm, x_norm, x_norm)
        x = self.dropout(x + y)
        x_norm = self.layer_norm_ffn(x)
        y = self.positionwise_convolution(x_norm)
        return self.dropout(x + y)

class BiLayer(nn.Module):
    def __init__(self, h, heads, max_length, p):
        super().__init__()
        self.attn_block = SelfAttentionBlock(h, heads, _gen_bias_mask(max_length), p)
        self.backward_attn_block = SelfAttentionBlock(h, heads, torch.transpose(_gen_bias_mask(max_length), dim0=2, dim1=3), p)
        self.linear = nn.Linear(h * 2, h)
    def forward(self, x):
        return self.linear(torch.cat((self.attn_block(x), self.backward_attn_block(x)), dim=2))

class BTC(nn.Module):
    def __init__(self, feature=144, h=128, layers=8, heads=4, classes=170, max_length=108, p=0.2):
        super().__init__()
        self.timing_signal = _gen_timing_signal(max_length, h)
        self.embedding_proj = nn.Linear(feature, h, bias=False)
        self.self_attn_layers = nn.Sequential(*[BiLayer(h, heads, max_length, p) for _ in range(layers)])
        self.layer_norm = LayerNorm(h)
        self.input_dropout = nn.Dropout(p)
        self.output_projection = nn.Linear(h, classes)
        self.lstm = nn.LSTM(input_size=h, hidden_size=h // 2, batch_first=True, bidirectional=True)  # unused, as in the original
    def forward(self, inputs):
        x = self.embedding_proj(self.input_dropout(inputs))
        x = x + self.timing_signal[:, :inputs.shape[1], :].type_as(inputs.data)
        y = self.layer_norm(self.self_attn_layers(x))
        return self.output_projection(y)

def djl_order(m):
    out = [m.embedding_proj.weight]
    for l in m.self_attn_layers:
        for b in (l.attn_block, l.backward_attn_block):
            a = b.multi_head_attention; f = b.positionwise_convolution.layers
            out += [b.layer_norm_mha.gamma, b.layer_norm_mha.beta, a.query_linear.weight, a.key_linear.weight, a.value_linear.weight,
                    a.output_linear.weight, b.layer_norm_ffn.gamma, b.layer_norm_ffn.beta, f[0].conv.weight, f[0].conv.bias,
                    f[1].conv.weight, f[1].conv.bias]
        out += [l.linear.weight, l.linear.bias]
    out += [m.layer_norm.gamma, m.layer_norm.beta, m.output_projection.weight, m.output_projection.bias]
    return out

def fixture(d):
    torch.manual_seed(0)
    m = BTC(feature=144, h=16, layers=2, heads=2, classes=25, max_length=20)
    with torch.no_grad():
        for p in m.parameters():  # make every parameter matter (default LN 1/0, zero biases hide mistakes)
            p.add_(0.1 * torch.randn_like(p))
    m.eval()
    for i, p in enumerate(djl_order(m)):
        np.save(f'{d}/p{i:03d}.npy', p.detach().numpy().astype(np.float32))
    x = torch.randn(2, 20, 144)
    np.save(f'{d}/x.npy', x.numpy())
    with torch.no_grad():
        np.save(f'{d}/y.npy', m(x).numpy())

if __name__ == '__main__' and sys.argv[1] == 'fixture':
    fixture(sys.argv[2])
elif __name__ == '__main__':
    torch.set_num_threads(2)
    sys.argv = sys.argv[1:]
    d = sys.argv[1]
    m = BTC()
    print('params with the unused LSTM:', sum(p.numel() for p in m.parameters()))
    ps = djl_order(m)
    with torch.no_grad():
        for i, p in enumerate(ps):
            v = torch.from_numpy(np.load(f'{d}/p{i:03d}.npy'))
            assert v.shape == p.shape, (i, v.shape, p.shape)
            p.copy_(v)
    m.eval()
    x = torch.from_numpy(np.load(f'{d}/x.npy'))
    y = np.load(f'{d}/y.npy')
    with torch.no_grad():
        z = m(x).numpy()
    print('max |djl - torch| =', np.abs(z - y).max(), ' max |y| =', np.abs(y).max())
    if len(sys.argv) > 2:  # reference speed, same machine, 2 threads
        m.train()
        opt = torch.optim.Adam(m.parameters(), lr=1e-4, betas=(0.9, 0.98), eps=1e-9)
        xb = torch.randn(16, 108, 144); yb = torch.randint(0, 170, (16, 108))
        times = []
        for it in range(int(sys.argv[2])):
            t0 = time.time()
            opt.zero_grad(); loss = nn.functional.cross_entropy(m(xb).reshape(-1, 170), yb.reshape(-1)); loss.backward(); opt.step()
            times.append(time.time() - t0)
        print('torch train step (batch 16x108): ' + ' '.join(f'{t:.2f}' for t in times))
        m.eval(); song = torch.randn(16, 108, 144); fr = []
        with torch.no_grad():
            for it in range(int(sys.argv[2])):
                t0 = time.time(); m(song); fr.append(1728 / (time.time() - t0))
        print('torch inference frames/s: ' + ' '.join(f'{f:.0f}' for f in fr))
