# Writes the small ChordMini ChordNet (2E1D) checkpoint fixtures that ChordNetCheckpointImportTest reads.
# Not part of the build; tests never run Python.
#
#   git clone https://github.com/ptnghia-j/ChordMini /tmp/ChordMini      # the authors' code (MIT), outside this repo
#   /usr/bin/python3 make_chordnet_checkpoint_fixtures.py /tmp/ChordMini ../resources/chordnet-checkpoint
#
# It builds ChordMini's own ChordNet (src/models/chord_net.py and src/models/common/base_transformer.py,
# unchanged) at a small size with random weights and saves it the way ChordMini's trainers do
# (src/training/utils/checkpointing.py: 'model_state_dict', 'normalization': {'mean': tensor, 'std': tensor},
# 'idx_to_chord', 'epoch', ...) in both torch.save formats:
#   chordnet_small.zip.pt     torch >= 1.6 zip format
#   chordnet_small.legacy.pt  the pickle format (_use_new_zipfile_serialization=False)
# plus x.npy (raw log-CQT-like frames, [frames, n_freq]), logits.npy ([frames, 170]: normalised as ChordMini's
# normalize_features does, (x - mean) / (std + 1e-8), zero-padded to whole windows of `timestep`, each window
# through ChordNet.forward in eval mode), labels.txt (each frame's argmax as ChordMini's idx2voca_chord names
# it) and config.txt (the sizes). The width is 24 bins, not 144, to keep the files small; nothing in ChordNet
# depends on 144.
# Made with Debian's python3-torch 1.13.1 and numpy 1.24.2.
import os, sys
import numpy as np
import torch

src, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, src)
os.makedirs(out, exist_ok=True)
from src.models.chord_net import ChordNet  # ChordMini's module
from src.utils.chords import idx2voca_chord

config = dict(n_freq=24, n_classes=170, n_group=4, f_layer=2, f_head=2, t_layer=2, t_head=4, d_layer=2, d_head=4,
              dropout=0.2)
torch.manual_seed(0)
np.random.seed(0)
model = ChordNet(**config)
with torch.no_grad():  # make every parameter matter (ReZero alphas start at 0, LayerNorms at 1/0)
    for p in model.parameters():
        p.add_(0.3 * torch.randn_like(p))
model.eval()
mean, std = -3.5, 2.0
names = idx2voca_chord()
checkpoint = {'epoch': 7, 'model_state_dict': model.state_dict(), 'accuracy': 0.5, 'loss': 1.0,
              'normalization': {'mean': torch.tensor(mean), 'std': torch.tensor(std)}, 'idx_to_chord': names}
torch.save(checkpoint, f'{out}/chordnet_small.zip.pt')
torch.save(checkpoint, f'{out}/chordnet_small.legacy.pt', _use_new_zipfile_serialization=False)

frames, t = 30, 12
x = (np.random.randn(frames, config['n_freq']) * 2.0 + mean).astype(np.float32)
feature = (x - mean) / (std + 1e-8)
num_pad = t - (frames % t)
feature = np.pad(feature, ((0, num_pad), (0, 0)), mode='constant', constant_values=0)
feature = torch.tensor(feature, dtype=torch.float32).reshape(-1, t, config['n_freq'])  # the windows as a batch
with torch.no_grad():
    logits, _ = model(feature)
logits = logits.reshape(-1, config['n_classes'])[:frames].numpy()
np.save(f'{out}/x.npy', x)
np.save(f'{out}/logits.npy', logits.astype(np.float32))
with open(f'{out}/labels.txt', 'w') as f:
    f.write('\n'.join(names[int(i)] for i in logits.argmax(1)) + '\n')
with open(f'{out}/config.txt', 'w') as f:
    f.write(' '.join(f'{k}={v}' for k, v in config.items()) + f' timestep={t}\n')
print('state_dict:', [(k, tuple(v.shape)) for k, v in model.state_dict().items()])
