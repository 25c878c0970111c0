"""Checks an mlruns folder written by chordflow against how MLflow's FileStore writes and reads it.

Run by hand (needs PyYAML, which mlflow itself depends on):  python3 check_mlruns.py path/to/mlruns

For every meta.yaml: it must load with yaml.safe_load, and re-dumping the loaded dict exactly as
mlflow.utils.yaml_utils.write_yaml does (yaml.dump(default_flow_style=False, allow_unicode=True,
sort_keys=True, Dumper=SafeDumper)) must give the same bytes. Key sets and value types are checked
against mlflow/store/tracking/file_store.py and mlflow/store/model_registry/file_store.py; metric
lines are parsed like FileStore._get_metric_from_line.
"""
import os
import sys

import yaml

EXPERIMENT_KEYS = {"artifact_location", "creation_time", "experiment_id", "last_update_time", "lifecycle_stage", "name"}
RUN_KEYS = {"artifact_uri", "end_time", "entry_point_name", "experiment_id", "lifecycle_stage", "run_id", "run_name",
            "run_uuid", "source_name", "source_type", "source_version", "start_time", "status", "tags", "user_id"}
MODEL_KEYS = {"aliases", "creation_timestamp", "description", "last_updated_timestamp", "name"}
VERSION_KEYS = {"aliases", "creation_timestamp", "current_stage", "description", "last_updated_timestamp", "name",
                "run_id", "run_link", "source", "status", "status_message", "storage_location", "user_id", "version"}


def check_yaml(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    data = yaml.safe_load(text)
    again = yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=yaml.SafeDumper)
    if again != text:
        raise SystemExit(f"{path}: differs from PyYAML's dump:\n--- ours\n{text}--- pyyaml\n{again}")
    return data


def main(root):
    checked = 0
    for dirpath, _, files in os.walk(root):
        rel = os.path.relpath(dirpath, root).split(os.sep)
        if "meta.yaml" in files:
            meta = check_yaml(os.path.join(dirpath, "meta.yaml"))
            checked += 1
            if rel[0] == "models":
                keys = VERSION_KEYS if rel[-1].startswith("version-") else MODEL_KEYS
                assert set(meta) == keys, (dirpath, set(meta) ^ keys)
                if keys is VERSION_KEYS:
                    assert isinstance(meta["version"], int) and meta["status"] == "READY"
                    assert meta["current_stage"] == "None"
            elif len(rel) == 1:
                assert set(meta) == EXPERIMENT_KEYS, (dirpath, set(meta) ^ EXPERIMENT_KEYS)
                assert isinstance(meta["experiment_id"], str) and meta["experiment_id"] == rel[0]
                assert meta["artifact_location"].startswith("file:///")
            elif len(rel) == 2:
                extra = set(meta) - RUN_KEYS
                assert extra <= {"deleted_time"} and RUN_KEYS <= set(meta), (dirpath, set(meta) ^ RUN_KEYS)
                assert meta["run_id"] == meta["run_uuid"] == rel[1] and meta["experiment_id"] == rel[0]
                assert isinstance(meta["status"], int) and 1 <= meta["status"] <= 5
                assert meta["source_type"] == 4 and meta["tags"] == [] and meta["lifecycle_stage"] == "active"
                assert meta["artifact_uri"].endswith(f"/{rel[0]}/{rel[1]}/artifacts")
        if len(rel) >= 3 and rel[0] != "models" and rel[2] == "metrics":
            for name in files:
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    for line in f:
                        parts = line.strip().split(" ")
                        assert len(parts) in (2, 3), (name, line)
                        int(parts[0]), float(parts[1]), int(parts[2]) if len(parts) == 3 else 0
    print(f"{root}: {checked} meta.yaml files identical to PyYAML's dump, keys as MLflow's FileStore writes them")


if __name__ == "__main__":
    main(sys.argv[1])
