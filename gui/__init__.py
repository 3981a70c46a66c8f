"""The Qt window. It only shows and asks: every rule lives in services/."""
