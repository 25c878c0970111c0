# Golden values for chordflow's hand-written optimiser and schedules, made with PyTorch (Debian's
# python3-torch 1.13.1) so that OptimizerGoldenTest can check model/train against torch itself:
#
#   /usr/bin/python3 make_optim_goldens.py ../resources/optim-golden/optim.json
#
# 1. "adamw": a fixed least-squares problem (nn.Linear(4, 3), 8 samples, MSE), 30 steps of
#    torch.optim.AdamW with torch.nn.utils.clip_grad_norm_(max 1.0) and paper 1's stage-1 schedule
#    shape as torch builds it: SequentialLR(LinearLR warm-up lr -> peak_lr, CosineAnnealingLR to
#    min_lr), stepped once per optimiser step (3 steps per "epoch", 2 warm-up epochs, 10 epochs).
#    Per step: the rate used, the gradient norm before clipping, the loss, and the weights after.
# 2. "plateau": torch.optim.lr_scheduler.ReduceLROnPlateau (torch defaults: threshold 1e-4 'rel',
#    cooldown 0) on fixed metric sequences, mode min (a loss) and max (an accuracy), factor 0.9,
#    floor 1e-6: the rate after each epoch's metric.
# Not part of the build: the test reads only the JSON.
import json, sys
import numpy as np, torch

torch.set_default_dtype(torch.float32)


def adamw_case():
    rng = np.random.default_rng(20)
    x = rng.normal(size=(8, 4)).astype(np.float32)
    y = rng.normal(size=(8, 3)).astype(np.float32) * 3
    w0 = (rng.normal(size=(3, 4)) * 0.5).astype(np.float32)
    b0 = (rng.normal(size=(3,)) * 0.5).astype(np.float32)
    lin = torch.nn.Linear(4, 3)
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(w0))
        lin.bias.copy_(torch.from_numpy(b0))
    lr, peak, min_lr, wd, betas, eps, clip = 1e-2, 3e-2, 1e-3, 0.1, (0.9, 0.98), 1e-8, 1.0
    steps_per_epoch, warmup_epochs, epochs = 3, 2, 10
    opt = torch.optim.AdamW(lin.parameters(), lr=peak, betas=betas, eps=eps, weight_decay=wd)
    warm = warmup_epochs * steps_per_epoch
    total = epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [
        torch.optim.lr_scheduler.LinearLR(opt, start_factor=lr / peak, end_factor=1.0, total_iters=warm),
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warm, eta_min=min_lr)], milestones=[warm])
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)
    steps = []
    for s in range(total):
        used = opt.param_groups[0]['lr']
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(lin(xs), ys)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(lin.parameters(), clip)
        opt.step()
        sched.step()
        steps.append({'lr': used, 'grad_norm': float(norm), 'loss': float(loss),
                      'weight': lin.weight.detach().numpy().ravel().tolist(),
                      'bias': lin.bias.detach().numpy().ravel().tolist()})
    return {'x': x.ravel().tolist(), 'y': y.ravel().tolist(), 'weight0': w0.ravel().tolist(), 'bias0': b0.ravel().tolist(),
            'lr': lr, 'peak_lr': peak, 'min_lr': min_lr, 'weight_decay': wd, 'betas': list(betas), 'eps': eps,
            'grad_clip': clip, 'steps_per_epoch': steps_per_epoch, 'warmup_epochs': warmup_epochs, 'epochs': epochs,
            'steps': steps}


def plateau_case(mode, patience, metrics):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=1e-5)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode=mode, factor=0.9, patience=patience, min_lr=1e-6)
    rates = []
    for m in metrics:
        sched.step(m)
        rates.append(opt.param_groups[0]['lr'])
    return {'mode': mode, 'patience': patience, 'lr': 1e-5, 'factor': 0.9, 'min_lr': 1e-6, 'metrics': metrics, 'rates': rates}


# losses: improvements, improvements smaller than torch's 1e-4 relative threshold, plateaus, a long fall to the floor
losses = [2.0, 1.5, 1.49995, 1.4999, 1.2, 1.2, 1.3, 1.19995, 1.1, 1.1] + [1.1] * 30
accs = [0.30, 0.40, 0.40003, 0.41, 0.41, 0.409, 0.45, 0.450001, 0.46, 0.46, 0.46, 0.47]
out = {'torch': torch.__version__, 'adamw': adamw_case(),
       'plateau': [plateau_case('min', 0, losses), plateau_case('min', 2, losses),
                   plateau_case('max', 0, accs), plateau_case('max', 1, accs)]}
with open(sys.argv[1], 'w') as f:
    json.dump(out, f, indent=1)
