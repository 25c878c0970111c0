# Writes the small BTC-ISMIR19 checkpoint fixtures that BtcCheckpointImportTest and TorchCheckpointTest read.
# Not part of the build; tests never run Python.
#
#   git clone https://github.com/jayg996/BTC-ISMIR19 /tmp/BTC-ISMIR19      # the authors' code, outside this repo
#   /usr/bin/python3 make_btc_checkpoint_fixtures.py /tmp/BTC-ISMIR19 ../resources/btc-checkpoint
#
# It builds the authors' own BTC_model (btc_model.py, unchanged) at a small size with random weights and
# saves it the way their released checkpoints are made (test.py reads checkpoint['model'], ['mean'], ['std';
# train.py computes std with np.sqrt, so it is a numpy.float64]) in both torch.save formats:
#   btc_small.zip.pt     torch >= 1.6 zip format
#   btc_small.legacy.pt  the 2019 pickle format (_use_new_zipfile_serialization=False)
# plus x.npy (raw log-CQT frames, [frames, 144]), logits.npy ([frames, 170], computed as test.py does:
# (x - mean) / std, zero-padded to whole windows of `timestep`, self_attn_layers then output_projection),
# labels.txt (each frame's argmax as the authors' idx2voca_chord names it), config.txt (the sizes), and
# dtypes.zip.pt / dtypes.legacy.pt: float64, float16, int64, a transposed (strided) view, a view with a
# storage offset, a numpy array and a numpy scalar, for the reader's own test (expected values in dtypes.txt).
# Made with Debian's python3-torch 1.13.1 and numpy 1.24.2.
import ast, os, sys
import numpy as np
import torch

src, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, src)
os.makedirs(out, exist_ok=True)
for alias, kind in (('float', float), ('int', int), ('bool', bool)):  # 2019 code on numpy >= 1.24: the removed aliases
    if alias not in np.__dict__:
        setattr(np, alias, kind)
from btc_model import BTC_model  # the authors' module


def idx2voca_chord():
    """The authors' idx2voca_chord, taken from their utils/mir_eval_modules.py without importing librosa."""
    tree = ast.parse(open(os.path.join(src, 'utils', 'mir_eval_modules.py')).read())
    keep = [n for n in tree.body if (isinstance(n, ast.Assign) and n.targets[0].id in ('root_list', 'quality_list'))
            or (isinstance(n, ast.FunctionDef) and n.name == 'idx2voca_chord')]
    ns = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), 'mir_eval_modules', 'exec'), ns)
    return ns['idx2voca_chord']()


config = dict(feature_size=144, timestep=12, num_chords=170, input_dropout=0.2, layer_dropout=0.2,
              attention_dropout=0.2, relu_dropout=0.2, num_layers=2, num_heads=2, hidden_size=8,
              total_key_depth=8, total_value_depth=8, filter_size=8, loss='ce', probs_out=False)
torch.manual_seed(0)
np.random.seed(0)
model = BTC_model(config=config)
with torch.no_grad():  # make every parameter matter (LayerNorm 1/0 and zero biases would hide mistakes)
    for p in model.parameters():
        p.add_(0.3 * torch.randn_like(p))
model.eval()
mean = -3.5                     # a python float, as train.py computes it
std = np.sqrt(np.float64(4.0))  # numpy.float64, as train.py's np.sqrt gives
checkpoint = {'model': model.state_dict(), 'mean': mean, 'std': std, 'epoch': 7}
torch.save(checkpoint, f'{out}/btc_small.zip.pt')
torch.save(checkpoint, f'{out}/btc_small.legacy.pt', _use_new_zipfile_serialization=False)

frames, t = 30, config['timestep']
x = (np.random.randn(frames, 144) * 2.0 + mean).astype(np.float32)
feature = (x - mean) / std
num_pad = t - (frames % t)
feature = np.pad(feature, ((0, num_pad), (0, 0)), mode='constant', constant_values=0)
feature = torch.tensor(feature, dtype=torch.float32).unsqueeze(0)
logits = []
with torch.no_grad():
    for w in range(feature.shape[1] // t):
        y, _ = model.self_attn_layers(feature[:, t * w:t * (w + 1), :])
        logits.append(model.output_layer.output_projection(y)[0])
logits = torch.cat(logits)[:frames].numpy()
np.save(f'{out}/x.npy', x)
np.save(f'{out}/logits.npy', logits.astype(np.float32))
names = idx2voca_chord()
with open(f'{out}/labels.txt', 'w') as f:
    f.write('\n'.join(names[int(i)] for i in logits.argmax(1)) + '\n')
with open(f'{out}/config.txt', 'w') as f:
    f.write(' '.join(f'{k}={config[k]}' for k in ('num_layers', 'num_heads', 'hidden_size', 'filter_size', 'timestep', 'num_chords')) + '\n')
print('state_dict:', [(k, tuple(v.shape)) for k, v in model.state_dict().items()])

# The reader's own cases.
base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8
dtypes = {'f64': torch.tensor([1.5, -2.25], dtype=torch.float64), 'f16': torch.tensor([0.5, -1.0, 3.0], dtype=torch.float16),
          'i64': torch.tensor([3, -4], dtype=torch.int64), 'transposed': base.t(), 'offset': base[1:, 1:],
          'np_array': np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32), 'np_scalar': np.float64(0.125),
          'nested': {'list': [1, 2.5, 'three'], 'tensor': base[2]}}
torch.save(dtypes, f'{out}/dtypes.zip.pt')
torch.save(dtypes, f'{out}/dtypes.legacy.pt', _use_new_zipfile_serialization=False)
with open(f'{out}/dtypes.txt', 'w') as f:
    for k in ('transposed', 'offset'):
        f.write(k + ' ' + ' '.join(repr(float(v)) for v in dtypes[k].contiguous().flatten()) + '\n')
